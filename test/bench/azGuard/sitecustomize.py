# Loaded by the Azure CLI only in the `az` benchmark (test/bench/azCheckHealth.bench.ts puts this
# folder first on PYTHONPATH): it keeps every name lookup and connection of az on loopback, and
# writes down what it refused, so the benchmark can say what az tried and could not do.
#
# - A name lookup (getaddrinfo, gethostbyname) of anything but a loopback address or `localhost` is
#   refused before a query is sent: this machine's resolver is not on loopback, and the names az asks
#   for here (a registry's login server, its data endpoint) are public names.
# - A connection to an address that is not loopback is refused before it is opened.
# Then the project's own work-around for Debian's azure-cli package (scripts/az-debian-fix) is
# loaded, as it would have been without this folder.

import ipaddress
import os
import socket

_LOG = os.environ.get('ACR_PL_AZ_GUARD_LOG')


def _note(kind, what):
    if _LOG:
        with open(_LOG, 'a', encoding='utf-8') as f:
            f.write('%s\t%s\n' % (kind, what))


def _is_loopback(host):
    if isinstance(host, bytes):
        host = host.decode('ascii', 'replace')
    if host is None:
        return True
    host = str(host)
    if host.lower() == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host.split('%')[0]).is_loopback
    except ValueError:
        return False


_getaddrinfo = socket.getaddrinfo
_gethostbyname = socket.gethostbyname
_gethostbyname_ex = socket.gethostbyname_ex


def _refuse_lookup(host):
    _note('lookup', host)
    raise socket.gaierror(socket.EAI_NONAME, 'not looked up: %s is not a loopback name (benchmark guard)' % host)


def getaddrinfo(host, *args, **kwargs):
    if not _is_loopback(host):
        _refuse_lookup(host)
    return _getaddrinfo(host, *args, **kwargs)


def gethostbyname(host):
    if not _is_loopback(host):
        _refuse_lookup(host)
    return _gethostbyname(host)


def gethostbyname_ex(host):
    if not _is_loopback(host):
        _refuse_lookup(host)
    return _gethostbyname_ex(host)


socket.getaddrinfo = getaddrinfo
socket.gethostbyname = gethostbyname
socket.gethostbyname_ex = gethostbyname_ex

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex


def _allowed(sock, address):
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return True
    return _is_loopback(address[0])


def connect(self, address):
    if not _allowed(self, address):
        _note('connect', address[0])
        raise ConnectionRefusedError('not connected: %s is not a loopback address (benchmark guard)' % address[0])
    return _connect(self, address)


def connect_ex(self, address):
    if not _allowed(self, address):
        _note('connect', address[0])
        return 111  # ECONNREFUSED
    return _connect_ex(self, address)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex

_FIX = os.environ.get('ACR_PL_AZ_DEBIAN_FIX')
if _FIX and os.path.isfile(os.path.join(_FIX, 'sitecustomize.py')):
    _path = os.path.join(_FIX, 'sitecustomize.py')
    with open(_path, encoding='utf-8') as _f:
        exec(compile(_f.read(), _path, 'exec'), {'__name__': 'acr_pl_az_debian_fix', '__file__': _path})
