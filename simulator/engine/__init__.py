"""The persona engine: state from signals, the director's note, the line check, the call."""
