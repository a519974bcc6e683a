"""Where the apps above meetings add to it (see core.extensions)."""

from koordinat.core.extensions import Addresses

# Where the public reads the meetings of public bodies ("meetings") and one meeting (pk=): anonymous
# visitors of the meetings' own pages are sent there.
public_pages = Addresses("meetings.public_pages")
