# One story, one hit: b.txt (a.txt's text under another title) and d.txt
# (a copy of a.txt) are listed under the first of the three, not shown; the second page starts with the next story, not with a copy; two
# briefs of the same filler text with other headlines stay two hits; the
# total counts every document; --duplicates shows every copy.
mkdir c
story='The quarterly figures came in well above what the analysts had expected, and the board said it would raise the dividend for the third year running, while warning that the costs of energy and of shipping could weigh on the second half.'
printf 'Board raises dividend again\n\n%s\n' "$story" > c/a.txt
printf 'Dividend up for third year\n\n%s\n' "$story" > c/b.txt
printf 'Other news\n\nThe board said the dividend would stay as it is this year, the analysts said.\n' > c/c.txt
cp c/a.txt c/d.txt
printf 'BOARD SEES DIVIDEND\n\nBlah blah blah.\n' > c/e.txt
printf 'BOARD CUTS DIVIDEND\n\nBlah blah blah.\n' > c/f.txt
$NEWS_INDEX -q --db db c
$NEWS_SEARCH --db db --snippet-length 40 dividend energy shipping
$NEWS_SEARCH --db db --snippet-length 40 --limit 1 --offset 1 dividend energy shipping
$NEWS_SEARCH --db db --json --limit 2 dividend energy shipping | grep -E -A9 '"(total|copies)"'
$NEWS_SEARCH --db db --duplicates dividend energy shipping | grep -E '^ +[0-9]+\.|results'
