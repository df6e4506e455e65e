"""Conversion of municipal open-data files into standard datasets."""
