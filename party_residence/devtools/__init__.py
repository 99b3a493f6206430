"""Tools for developers and evaluators, not used by the running app: the demo data
(`demo.setup_demo`), the city-size population (`population.ensure`) and the benchmark
(`benchmark.run`)."""
