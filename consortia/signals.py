"""Signals other apps listen to; consortia knows none of them (DESIGN §2)."""

from django.dispatch import Signal

# Sent inside the approving transaction with consortium= and by=.
# methodology instantiates the phases; monitoring opens the first period.
consortium_approved = Signal()
