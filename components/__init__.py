"""Custom Rasa graph components (named in config.yml), loaded into every Rasa process.

Rasa imports this package when it loads the model, so the one speed fix for Rasa itself that
must live in the server process is installed here (see action_response_validation.py).
"""
from components import action_response_validation

action_response_validation.install()
