// The demo's front door, in the role nginx has in production: /socket.io goes to Frappe's real-time
// server, everything else to gunicorn. Every request is marked with the demo site's name (so the site
// opens by any address, 127.0.0.1 too) and with the client's address in X-Forwarded-For, replacing
// whatever the client sent there.
//
//   node demo-proxy.js BIND PORT WEB_PORT SOCKETIO_PORT SITE
"use strict";

const http = require("node:http");
const net = require("node:net");

const [bind, port, webPort, socketioPort, site] = process.argv.slice(2);

function upstreamPort(url) {
	return url === "/socket.io" || url.startsWith("/socket.io/") ? Number(socketioPort) : Number(webPort);
}

function forwardedHeaders(request) {
	const headers = { ...request.headers };
	headers["x-frappe-site-name"] = site;
	headers["x-forwarded-for"] = request.socket.remoteAddress;
	headers["x-forwarded-proto"] = "http";
	if (upstreamPort(request.url) === Number(socketioPort)) {
		// the real-time server wants an Origin naming the host, which browsers leave out of
		// same-origin polling requests; nginx's configuration for Frappe sets it the same way
		headers.origin = `http://${request.headers.host}`;
	}
	return headers;
}

const server = http.createServer((request, response) => {
	const upstream = http.request(
		{
			host: "127.0.0.1",
			port: upstreamPort(request.url),
			method: request.method,
			path: request.url,
			headers: forwardedHeaders(request),
		},
		(answer) => {
			response.writeHead(answer.statusCode, answer.headers);
			answer.pipe(response);
		}
	);
	upstream.on("error", () => {
		if (!response.headersSent) {
			response.writeHead(502, { "content-type": "text/plain" });
		}
		response.end("The demo's web server does not answer yet.\n");
	});
	request.pipe(upstream);
});

// WebSocket upgrades (socket.io): the request is passed on as it came, then the bytes both ways.
server.on("upgrade", (request, socket, head) => {
	const upstream = net.connect(upstreamPort(request.url), "127.0.0.1", () => {
		let lines = `${request.method} ${request.url} HTTP/${request.httpVersion}\r\n`;
		for (const [name, value] of Object.entries(forwardedHeaders(request))) {
			for (const one of Array.isArray(value) ? value : [value]) {
				lines += `${name}: ${one}\r\n`;
			}
		}
		upstream.write(lines + "\r\n");
		if (head && head.length) {
			upstream.write(head);
		}
		upstream.pipe(socket);
		socket.pipe(upstream);
	});
	upstream.on("error", () => socket.destroy());
	socket.on("error", () => upstream.destroy());
});

server.listen(Number(port), bind);
