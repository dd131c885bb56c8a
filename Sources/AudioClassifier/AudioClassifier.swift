// Datasets, feature store, training, metrics, model bundles and batch jobs (see DESIGN.md).
