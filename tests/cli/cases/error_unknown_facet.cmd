$NEWS_SEARCH --db "$DB" --facet artst gaga
