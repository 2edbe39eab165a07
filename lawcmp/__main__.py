from lawcmp.cli import main

main()
