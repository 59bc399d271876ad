"""Translation: stamps, status and spell check (python -m guide.translation.status / .spelling, run by make translations)."""
