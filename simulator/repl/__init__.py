"""The practice session a trainee lives in: REPL on a terminal, plain lines otherwise."""
