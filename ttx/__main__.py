from ttx.cli import main

raise SystemExit(main())
