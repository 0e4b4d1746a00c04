# Points the Azure CLI of this shell at a running sandbox, so that the seed document's `az` commands
# can be practised as written. Source it (it sets variables in your shell):
#
#   source scripts/az-sandbox.sh [--reset empty|seed] [READY_FILE]
#
# READY_FILE is the file a sandbox writes with --ready-file; by default the one `npm start` writes
# (.vscode-test/start/sandbox-ready.json). --reset first puts the sandbox back to a scenario: `empty`
# is the document's world before its private link steps (registry, VNet and subnet, no endpoint,
# zone or record). The script then
#   - gives az its own configuration folder (AZURE_CONFIG_DIR, a temporary folder, or
#     ACR_PL_AZ_CONFIG_DIR when set): your own az sign-ins and clouds are not touched;
#   - trusts the sandbox's CA for az only (REQUESTS_CA_BUNDLE);
#   - registers the sandbox as the custom cloud AcrSandbox (`az cloud register --endpoint-resource-manager`,
#     which reads the sandbox's /metadata/endpoints), makes it the active cloud and signs in with a
#     service principal against the sandbox's own token endpoint (any secret is accepted);
#   - on Debian 12's azure-cli 2.45, puts scripts/az-debian-fix on PYTHONPATH: a work-around for a
#     packaging defect of that package (see scripts/az-debian-fix/sitecustomize.py), nothing else;
#   - sets the document's variables to the sandbox's names (REGISTRY_NAME=myregistry, …), and
#     SANDBOX_DNS_HOST / SANDBOX_DNS_PORT to the sandbox's DNS server, which answers as a VM in the
#     VNet: the document's `dig $REGISTRY_NAME.azurecr.io` is
#     `dig -p $SANDBOX_DNS_PORT @$SANDBOX_DNS_HOST $REGISTRY_NAME.azurecr.io`.
# Everything stays on loopback. Run it again after the sandbox restarts (its port and CA change).

_acr_pl_az_sandbox() {
  local repo ready="" reset="" arg
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  while [ $# -gt 0 ]; do
    arg="$1"; shift
    case "$arg" in
      --reset) reset="${1:-}"; shift || true ;;
      --reset=*) reset="${arg#--reset=}" ;;
      -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; return 0 ;;
      *) ready="$arg" ;;
    esac
  done
  ready="${ready:-$repo/.vscode-test/start/sandbox-ready.json}"
  if ! command -v az >/dev/null 2>&1; then
    echo "az-sandbox: the Azure CLI is not installed (Debian: apt-get install azure-cli)" >&2; return 1
  fi
  if [ ! -f "$ready" ]; then
    echo "az-sandbox: no sandbox ready file at $ready (start one: npm start, or npm run sandbox -- --ready-file FILE)" >&2; return 1
  fi
  local info arm ca tenant subscription dns
  info="$(node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log([r.armEndpoint, r.caCertFile, r.tenantId, r.subscriptionIds[0], r.dnsServer].join("\n"))' "$ready")" || {
    echo "az-sandbox: cannot read $ready" >&2; return 1; }
  { read -r arm; read -r ca; read -r tenant; read -r subscription; read -r dns; } <<<"$info"
  case "$arm" in
    https://127.*|https://localhost*|https://\[::1\]*) ;;
    *) echo "az-sandbox: $arm is not a loopback address; refusing" >&2; return 1 ;;
  esac

  if [ -n "$reset" ]; then
    node -e '
      const [arm, ca, scenario] = process.argv.slice(1);
      const req = require("https").request(arm + "/_sandbox/reset", { method: "POST", ca: require("fs").readFileSync(ca), headers: { "Content-Type": "application/json" } }, (res) => {
        let body = ""; res.on("data", (c) => (body += c));
        res.on("end", () => { if (res.statusCode !== 200) { console.error("az-sandbox: reset failed: " + body); process.exit(1); } console.log("az-sandbox: the sandbox is back to the " + scenario + " scenario"); });
      });
      req.on("error", (e) => { console.error("az-sandbox: " + e.message); process.exit(1); });
      req.end(JSON.stringify({ scenario }));' "$arm" "$ca" "$reset" || return 1
  fi

  export AZURE_CONFIG_DIR="${ACR_PL_AZ_CONFIG_DIR:-${_ACR_PL_AZ_CONFIG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/az-sandbox-XXXXXX")}}"
  export _ACR_PL_AZ_CONFIG_DIR="$AZURE_CONFIG_DIR"
  export REQUESTS_CA_BUNDLE="$ca"
  export AZURE_CORE_COLLECT_TELEMETRY=false
  export NO_PROXY="127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY}"
  case ":${PYTHONPATH:-}:" in
    *":$repo/scripts/az-debian-fix:"*) ;;
    *) export PYTHONPATH="$repo/scripts/az-debian-fix${PYTHONPATH:+:$PYTHONPATH}" ;;
  esac

  # Register and sign in once per sandbox (a marker in the configuration folder remembers which).
  local marker="$AZURE_CONFIG_DIR/acr-sandbox-endpoint"
  if [ "$(cat "$marker" 2>/dev/null)" != "$arm" ]; then
    az cloud set --name AzureCloud --output none 2>/dev/null || true
    az cloud unregister --name AcrSandbox --output none 2>/dev/null || true
    az cloud register --name AcrSandbox --endpoint-resource-manager "$arm/" \
      --suffix-acr-login-server-endpoint .azurecr.io --output none || return 1
    az cloud set --name AcrSandbox --output none || return 1
    az login --service-principal --username acr-sandbox-cli --password sandbox-secret --tenant "$tenant" --output none || return 1
    az account set --subscription "$subscription" || return 1
    echo "$arm" >"$marker"
  fi

  # The seed document's variables, with the sandbox's names.
  REGISTRY_NAME=myregistry
  REGISTRY_LOCATION=westeurope
  RESOURCE_GROUP=myResourceGroup
  NETWORK_NAME=myDockerVMVNET
  SUBNET_NAME=myDockerVMSubnet
  SANDBOX_DNS_PORT="${dns##*:}"
  SANDBOX_DNS_HOST="${dns%:*}"; SANDBOX_DNS_HOST="${SANDBOX_DNS_HOST#[}"; SANDBOX_DNS_HOST="${SANDBOX_DNS_HOST%]}"
  echo "az-sandbox: az now talks to the sandbox at $arm (cloud AcrSandbox, subscription $subscription, config $AZURE_CONFIG_DIR)"
  echo "az-sandbox: REGISTRY_NAME=$REGISTRY_NAME REGISTRY_LOCATION=$REGISTRY_LOCATION RESOURCE_GROUP=$RESOURCE_GROUP NETWORK_NAME=$NETWORK_NAME SUBNET_NAME=$SUBNET_NAME"
  echo "az-sandbox: the VNet's DNS, for the document's dig: dig -p \$SANDBOX_DNS_PORT @\$SANDBOX_DNS_HOST \$REGISTRY_NAME.azurecr.io (SANDBOX_DNS_HOST=$SANDBOX_DNS_HOST SANDBOX_DNS_PORT=$SANDBOX_DNS_PORT)"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  echo "az-sandbox: source this script so that its settings stay in your shell: source ${BASH_SOURCE[0]} [--reset empty|seed] [READY_FILE]" >&2
  exit 2
fi
_acr_pl_az_sandbox "$@"
_acr_pl_status=$?
unset -f _acr_pl_az_sandbox
return $_acr_pl_status
