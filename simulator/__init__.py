"""callsim: a terminal practice ground for discovery calls and negotiations."""

__version__ = "0.1.0"
