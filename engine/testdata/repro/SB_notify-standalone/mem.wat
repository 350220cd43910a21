(module (memory (export "mem") 1024 1024 shared))
