# fetch-repo.sh: sourced by fetch-corpora.sh and bench/ner/fetch-fresh.sh,
# which set $dir (where clones go) and $base (the clone base, or a local
# directory of mirrors named owner+name, as a mirror of GitHub keeps them).

fetch() { # repo commit pathspec...: only those paths are checked out
	repo=$1 commit=$2
	shift 2
	dest="$dir/$(echo "$repo" | tr / +)"
	if [ -d "$base" ]; then
		src="$base/$(echo "$repo" | tr / +)"
		[ -d "$src/repo" ] && src="$src/repo"
	else
		src="$base/$repo.git"
	fi
	if [ ! -d "$dest/.git" ]; then
		git clone --quiet --no-checkout "$src" "$dest"
	fi
	git -C "$dest" checkout --quiet "$commit" -- "$@"
	echo "$repo $commit"
}
