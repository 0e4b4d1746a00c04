# A work-around for a packaging defect of Debian 12's azure-cli 2.45, loaded only when this folder is
# on PYTHONPATH (scripts/az-sandbox.sh and the Azure CLI sandbox test put it there; nothing else does).
#
# azure-cli 2.45 asks for the network API 2022-01-01, which Debian's python3-azure does not ship: its
# azure-mgmt-network has the 2022-07-01 models (azure.mgmt.network.v2022_07_01.models) and one set of
# version-independent operations at the package root (azure.mgmt.network.operations), but no
# azure.mgmt.network.v2022_01_01 and no azure.mgmt.network.v2022_07_01.operations. Every SDK-based
# `az network …` command then fails before it sends a request (ModuleNotFoundError, then an
# AttributeError on a model that could not be loaded). Here, when that is the case, the CLI's "latest"
# profile uses 2022-07-01 for the network API and azure.mgmt.network.v2022_07_01.operations is the
# package's own root operations module. Nothing is downloaded or replaced on disk.

import importlib
import importlib.abc
import importlib.util
import sys

_MISSING = 'azure.mgmt.network.v2022_07_01.operations'
_TARGET = 'azure.mgmt.network.operations'


def _has(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:
        return False


class _AliasFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Answers an import of the missing module with the package's root operations module."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != _MISSING:
            return None
        return importlib.util.spec_from_loader(fullname, self)

    def create_module(self, spec):
        return importlib.import_module(_TARGET)

    def exec_module(self, module):
        sys.modules[_MISSING] = module


def _patch():
    if not _has('azure.mgmt.network') or _has('azure.mgmt.network.v2022_01_01') or not _has('azure.mgmt.network.v2022_07_01'):
        return
    try:
        from azure.cli.core.profiles import ResourceType
        from azure.cli.core.profiles._shared import AZURE_API_PROFILES
    except ImportError:
        return
    if AZURE_API_PROFILES['latest'].get(ResourceType.MGMT_NETWORK) != '2022-01-01':
        return
    AZURE_API_PROFILES['latest'][ResourceType.MGMT_NETWORK] = '2022-07-01'
    sys.meta_path.insert(0, _AliasFinder())


_patch()
