"""Helpers of the argument-attaching stage (``stages/attach_arguments``), one concern per
module; the stage module alone registers the spaCy component."""
