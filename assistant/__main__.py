"""`python -m assistant ...` is the `cbsi ...` command line."""

from assistant.cli import main

if __name__ == "__main__":
    main()
