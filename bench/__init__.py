"""`./dev bench`: the raw limits of the local stack and the platform's figures, side by side."""
