"""Built-in networks that torchvision does not have, written from their papers'
architecture tables by tools/gen_paper_nets.py."""
