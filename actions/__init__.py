"""Custom actions: thin Rasa wrappers over plain functions, one module per concern.

knowledge  loads and checks the content in knowledge/*.yml
triage     what happened, is the user safe, what is their role
slot_validation  the role slot made the user's own role after every message
guidance   the Steunpakket steps, a few at a time
contacts   who can I call
topics     answers to questions asked anywhere (aangifte, bewijs, ...)
checklist  the melding checklist, in the chat or as copyable text
rehearsal  the Oefenmodus engine (scenarios, feedback, debrief); rehearsal_actions its actions
"""
