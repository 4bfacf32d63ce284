"""Running the analysis over many files: input discovery, batch execution with a cache, CI check, evaluation."""
