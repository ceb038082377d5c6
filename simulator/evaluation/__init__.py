"""Call-level evaluation: the rubric, aggregation, the call summary and the LLM judge."""
