"""accelsim-import: workload files (workloads/README.md) from torchvision models, ONNX
files and SCALE-Sim topologies. Run as `accelsim-import SOURCE ...` (tools/accelsim-import)."""
