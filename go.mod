module wmm

go 1.26.8
