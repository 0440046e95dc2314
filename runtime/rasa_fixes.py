"""The two changes this project makes to Rasa 3.6's custom-action path (each module says why).

Installed by the modules the Rasa server always loads: runtime/tracker_store.py (endpoints.yml)
and channels/guarded.py (credentials.yml). Installing twice is harmless.
"""
from runtime import action_fallback, action_response_validation


def install() -> None:
    action_fallback.install()
    action_response_validation.install()
