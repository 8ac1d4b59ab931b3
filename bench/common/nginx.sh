# Sourced by the bench scripts: start_fixed_200_nginx starts Debian's nginx (installed by
# `scripts/setup --bench` when missing) answering a fixed 200 on a free 127.0.0.1 port with 2
# workers, sets $nginx_port, and stops it when the calling script exits.
start_fixed_200_nginx() {
  command -v nginx >/dev/null || scripts/setup --bench >/dev/null
  nginx_work=$(mktemp -d)
  nginx_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat > "$nginx_work/nginx.conf" <<CONF
worker_processes 2;
pid $nginx_work/nginx.pid;
error_log $nginx_work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $nginx_work; proxy_temp_path $nginx_work; fastcgi_temp_path $nginx_work;
  uwsgi_temp_path $nginx_work; scgi_temp_path $nginx_work;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { return 200 "ok\n"; }
  }
}
CONF
  nginx -c "$nginx_work/nginx.conf" -p "$nginx_work"
  trap 'nginx -c "$nginx_work/nginx.conf" -p "$nginx_work" -s stop 2>/dev/null || true; rm -rf "$nginx_work"' EXIT
  sleep 0.3
}
