"""Service units: the commune administrations, health centers and primary schools that report."""
