# Demo bearer tokens, for the demo only: `source scripts/demo-tokens.sh`. The variable names
# are the ones configs/reviewers.toml (token_env) and configs/labelflowd.toml
# (admin_token_env) name. A real deployment uses secrets of its own (docs/operations.md).
export LABELFLOW_ADMIN_TOKEN="demo-admin-token-not-secret"
export LABELFLOW_TOKEN_ALICE="demo-alice-token-not-secret"
export LABELFLOW_TOKEN_BOB="demo-bob-token-not-secret"
export LABELFLOW_TOKEN_CAROL="demo-carol-token-not-secret"
export LABELFLOW_TOKEN_DAVE="demo-dave-token-not-secret"
export LABELFLOW_TOKEN_ERIN="demo-erin-token-not-secret"
export LABELFLOW_TOKEN_FRANK="demo-frank-token-not-secret"
export LABELFLOW_TOKEN_GRACE="demo-grace-token-not-secret"
