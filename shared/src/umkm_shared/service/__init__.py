"""What every service's process is built from: bootstrap, lifespan, health, error shape."""
