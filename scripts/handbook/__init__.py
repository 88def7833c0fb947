"""Tools for Sổ tay Bí thư chi bộ: data loading, marker rendering, checks and builds."""
