"""ZCX Desktop (政策阅读批注): a desktop reader and annotator for Chinese policy documents."""

__version__ = "0.1.0"
