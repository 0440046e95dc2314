"""Code the Rasa server loads at run time (tracker store, action fallback); not part of the
trained model, so changing it does not retrain (the Makefile retrains on components/ changes)."""
