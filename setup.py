# Kept for tools that still call setup.py; the package is built by flit from pyproject.toml.
from setuptools import setup

setup()
