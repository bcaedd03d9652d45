                          ABS
                          ORG     /100
                    START SLT     32         ACC = EXT = 0
                          STD     TOTAL
                          LDX  I1 N
                          MDX   1 0          skip when N = 0
                          B       LOOP
                          WAIT
                    LOOP  LD   L1 ARR-1
                          SRT     16         sign-extend into ACC:EXT
                          AD      TOTAL
                          STD     TOTAL
                          MDX   1 -1
                          B       LOOP
                          WAIT
                    N     EQU     /00E0
                    TOTAL EQU     /00E2
                    ARR   EQU     /0200
                          END     START
