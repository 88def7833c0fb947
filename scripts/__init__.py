"""Project scripts. Run the CLI with `python -m scripts.handbook --help`."""
