"""The partnership domain: pure rules, no I/O."""
