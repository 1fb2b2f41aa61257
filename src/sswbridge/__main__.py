from sswbridge.cli import main

raise SystemExit(main())
