# Both tools print their version and the Xapian library's, and exit 0.
set -o pipefail; { $NEWS_SEARCH --version && $NEWS_INDEX --version; } | sed -E 's/\(Xapian [0-9]+\.[0-9]+\.[0-9]+\)/(Xapian X.Y.Z)/'
