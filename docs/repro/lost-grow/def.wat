(module (memory (export "mem") 0 16 shared))
