// sitegen serve: one event stream shared by every open tab of the site.
"use strict";
var ports = [];
var last = null;
var source = new EventSource("events");
source.onmessage = function (event) {
  last = JSON.parse(event.data);
  ports = ports.filter(function (port) {
    try { port.postMessage(last); return true; } catch (e) { return false; }
  });
};
self.onconnect = function (event) {
  var port = event.ports[0];
  ports.push(port);
  port.start();
  if (last) port.postMessage(last);
};
