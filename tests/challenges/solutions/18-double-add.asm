                          ABS
                          ORG     /100
                    START LDD     X
                          AD      Y
                          STD     Z
                          WAIT
                    X     EQU     /00E0
                    Y     EQU     /00E2
                    Z     EQU     /00E4
                          END     START
