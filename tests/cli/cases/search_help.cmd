$NEWS_SEARCH --help
