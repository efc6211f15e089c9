"""A release directory that an open-data portal can ingest as it is.

Library API (``imvo-graph release`` is a thin layer over it)::

    from imvo_graph.release import write_release
    result = write_release("dist/release")      # validates first; refuses an invalid graph
    result.files                                  # the file names, SHA256SUMS last

What a release holds (``{v}`` is the dataset version, ``dataset_version``, by default the
package version ``imvo_graph.__version__``; the ontology keeps the package's version, since it
ships with the software, while the data is versioned apart from it):

- ``imvo-graph-{v}-{part}.{ttl,nt,nq,trig,jsonld,rdf}`` for each part ``ontology``, ``data``,
  ``shapes`` and ``all`` (merged);
- ``imvo-graph-{v}-context.jsonld``: the JSON-LD context the JSON-LD files embed;
- ``imvo-graph-{v}-ontology.html``: the ontology's documentation (Dutch and English);
- ``catalog.ttl`` and ``catalog.jsonld``: the DCAT-AP-NL 3.0 catalogue (checked against the
  vendored shapes before anything is written);
- ``void.ttl``: the VoID description with counts;
- ``CHANGES.md``: with ``previous``, the changes since that release (``imvo-graph diff``);
- ``SHA256SUMS``: ``sha256sum``-style checksums of every other file.

The release is built in a temporary folder next to the target and renamed into place, so an
error leaves nothing half written; an existing target is refused unless ``overwrite``, and even
then it is replaced only when it is recognisably an earlier release (see
:func:`check_previous_release`) and holds none of the input files.

- :mod:`.write`     :func:`write_release`: plan, build, write;
- :mod:`.names`     the parts, file names, dataset version and default URL of a release;
- :mod:`.previous`  which existing folder a new release may replace;
- :mod:`.catalog`   the DCAT-AP-NL 3.0 catalogue and its check; :mod:`.void` the VoID
  description; :mod:`.docs` the ontology's documentation page.
"""

from .names import RELEASE_PARTS, check_dataset_version, default_base_url, release_file_name
from .previous import check_previous_release
from .write import ReleasePlan, ReleaseResult, plan_release, write_release

__all__ = [
    "write_release", "plan_release", "ReleasePlan", "ReleaseResult", "default_base_url", "release_file_name",
    "RELEASE_PARTS", "check_previous_release", "check_dataset_version",
]
