"""Speech-to-text engines. Pick one with the SPEECH_ENGINE setting; none is configured by default."""
