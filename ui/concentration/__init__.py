"""Group concentration screens: import (dry run, then store), limit dashboard, concentration by dimension."""
