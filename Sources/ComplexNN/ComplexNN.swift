// The complex-valued neural-network engine (see DESIGN.md).
