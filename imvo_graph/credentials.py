"""Credentials in endpoint URLs: sent as HTTP Basic authentication, never shown.

``http://user:secret@host/sparql`` is split into the URL that is requested (without the user
part: urllib would otherwise read ``user:secret@host`` as the host) and the user name and
password, sent in an ``Authorization: Basic`` header. A URL with a user name but no password
takes the password from the environment variable :data:`PASSWORD_ENV`. A URL without a user
part takes the login and password of its host's ``machine`` entry in the netrc file (the file
the environment variable ``NETRC`` names, else ``~/.netrc``, as curl and requests read it);
a ``default`` entry is not used: it would send a password to any host a URL names. Every message, log line
and exception names the endpoint by :func:`redact`, ``http://user:***@host/sparql``, and has the
password and the header's token scrubbed (:meth:`Endpoint.scrub`: a server may echo them).
A secret in the query string (a parameter whose name says so, as ``?access_token=…``,
``?api_key=…`` or ``?sig=…``: :func:`is_secret_parameter`) is shown as ``***`` and scrubbed the same way;
it is still sent, as written.

The header is never sent along a redirect (:func:`unredirected`): urllib copies a request's
headers to wherever a redirect points, another host perhaps.
"""

from __future__ import annotations

import base64
import os
import re
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

PASSWORD_ENV = "IMVO_GRAPH_ENDPOINT_PASSWORD"

#: The words of a query-string parameter's name that make its value a secret (the name split at
#: punctuation and camel case, any case): access_token, api_key, apiKey, client_secret, password,
#: X-Amz-Signature, sig, sessionId.
SECRET_WORDS = frozenset({"token", "key", "apikey", "secret", "password", "passwd", "pwd", "signature", "sig",
                          "auth", "authorization", "credential", "credentials", "session", "sid"})


def is_secret_parameter(name: str) -> bool:
    """Whether a query-string parameter named ``name`` (percent-encoded or not) holds a secret."""
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", urllib.parse.unquote_plus(name))
    return any(word in SECRET_WORDS for word in re.split(r"[^A-Za-z0-9]+", name.lower()))


@dataclass(frozen=True)
class Endpoint:
    url: str  # what is requested: no user part
    shown: str  # what messages say: the password replaced by ***
    user: str | None = None
    password: str | None = field(default=None, repr=False)  # not in a traceback's locals either

    def _token(self) -> str | None:
        if self.user is None:
            return None
        return base64.b64encode(f"{self.user}:{self.password or ''}".encode("utf-8")).decode("ascii")

    def authorization(self) -> dict[str, str]:
        """The ``Authorization`` header, if the URL holds a user name."""
        token = self._token()
        return {} if token is None else {"Authorization": f"Basic {token}"}

    def authorize(self, request: urllib.request.Request) -> urllib.request.Request:
        """``request`` with the ``Authorization`` header, if any, not sent along a redirect."""
        for name, value in self.authorization().items():
            request.add_unredirected_header(name, value)
        return request

    def scrub(self, text: str) -> str:
        """``text`` with the password (raw or percent-encoded) and the header's token replaced
        by ***."""
        secrets = {self.password, _raw_password(self.url_with_user), self._token(), *_query_secrets(self.url)}
        for secret in sorted((s for s in secrets if s), key=len, reverse=True):
            text = text.replace(secret, "***")
        return text

    url_with_user: str = field(default="", repr=False)


def _raw_password(url: str) -> str | None:
    netloc = urllib.parse.urlsplit(url).netloc
    userinfo = netloc.rpartition("@")[0]
    return userinfo.partition(":")[2] if ":" in userinfo else None


def _query_secrets(url: str) -> set[str]:
    """The values of the secret parameters of ``url``'s query string, as written and decoded."""
    found: set[str] = set()
    for name, _, value in (part.partition("=") for part in urllib.parse.urlsplit(url).query.split("&")):
        if value and is_secret_parameter(name):
            found |= {value, urllib.parse.unquote_plus(value)}
    return found


def _hide_query_secrets(query: str) -> str:
    """``query`` with the value of every secret parameter replaced by ``***``."""
    parts = []
    for part in query.split("&"):
        name, has_value, value = part.partition("=")
        hidden = has_value and value and is_secret_parameter(name)
        parts.append(f"{name}=***" if hidden else part)
    return "&".join(parts)


def parse_endpoint(url: str, *, use_netrc: bool = True) -> Endpoint:
    """The URL to request, the URL to show, and the credentials of an endpoint URL (for a URL
    without a user part, with ``use_netrc``, from the netrc file). InputError for a netrc file
    that cannot be read."""
    parts = urllib.parse.urlsplit(url)
    shown_query = _hide_query_secrets(parts.query)
    if "@" not in parts.netloc:
        shown = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, shown_query, parts.fragment))
        found = netrc_credentials(parts.hostname) if use_netrc and parts.hostname else None
        if found is not None:
            return Endpoint(url=url, shown=shown, user=found[0], password=found[1], url_with_user=url)
        return Endpoint(url=url, shown=shown, url_with_user=url)
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, has_password, written = userinfo.partition(":")
    user = urllib.parse.unquote(user)
    password = urllib.parse.unquote(written) if has_password else os.environ.get(PASSWORD_ENV)
    clean = urllib.parse.urlunsplit((parts.scheme, hostport, parts.path, parts.query, parts.fragment))
    shown_userinfo = urllib.parse.quote(user, safe="") + (":***" if has_password or password else "")
    shown = urllib.parse.urlunsplit((parts.scheme, f"{shown_userinfo}@{hostport}", parts.path, shown_query, parts.fragment))
    return Endpoint(url=clean, shown=shown, user=user, password=password, url_with_user=url)


def netrc_file() -> Path:
    """The netrc file: ``$NETRC``, else ``~/.netrc``."""
    return Path(os.environ.get("NETRC") or Path.home() / ".netrc")


def netrc_credentials(host: str) -> tuple[str, str] | None:
    """``(login, password)`` of the netrc file's ``machine`` entry for ``host``; None without
    a file or an entry. InputError naming the file (and line) if it cannot be read; the
    message never quotes the file's text."""
    import netrc

    path = netrc_file()
    if not path.is_file():
        return None
    try:
        entries = netrc.netrc(str(path))
    except netrc.NetrcParseError as exc:
        raise InputError(f"{path}, line {exc.lineno}: not a valid netrc file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or type(exc).__name__})") from None
    entry = entries.hosts.get(host) if host != "default" else None  # (netrc keeps `default` there)
    if entry is None:
        return None
    login, _account, password = entry
    return login, password or ""


def unredirected(request: urllib.request.Request) -> urllib.request.Request:
    """``request`` with its ``Authorization`` header, if any, kept from redirects (urllib
    copies the others to the redirect's target)."""
    value = request.headers.pop("Authorization", None)
    if value is not None:
        request.add_unredirected_header("Authorization", value)
    return request


def redact(url: str) -> str:
    """``url`` with its password and the values of its query string's secret parameters
    replaced by ``***`` (unchanged without any)."""
    try:
        return parse_endpoint(url, use_netrc=False).shown
    except ValueError:
        return "<an endpoint URL that does not parse>"
