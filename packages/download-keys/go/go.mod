module localmemory.co/downloadkeys

go 1.19
