"""The scenario runner: batches of scripted or automatic calls, judged against expectations."""
