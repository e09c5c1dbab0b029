-- The RADIUSdesk tables and columns RadiusDisconnectProxy reads or writes, with the types of
-- cake4/rd_cake/setup/db/rd.sql and its migrations (reference notes: radiusdesk.md §5).
-- Columns the proxy never touches are partly kept so seeded rows look like a real install.

CREATE TABLE radacct (
  radacctid bigint(21) NOT NULL AUTO_INCREMENT,
  acctsessionid varchar(64) NOT NULL DEFAULT '',
  acctuniqueid varchar(32) NOT NULL DEFAULT '',
  username varchar(64) NOT NULL DEFAULT '',
  groupname varchar(64) NOT NULL DEFAULT '',
  realm varchar(64) DEFAULT '',
  nasipaddress varchar(15) NOT NULL DEFAULT '',
  nasidentifier varchar(64) NOT NULL DEFAULT '',
  nasportid varchar(15) DEFAULT NULL,
  nasporttype varchar(32) DEFAULT NULL,
  acctstarttime datetime DEFAULT NULL,
  acctupdatetime datetime DEFAULT NULL,
  acctstoptime datetime DEFAULT NULL,
  acctinterval int(12) DEFAULT NULL,
  acctsessiontime int(12) unsigned DEFAULT NULL,
  acctauthentic varchar(32) DEFAULT NULL,
  connectinfo_start varchar(50) DEFAULT NULL,
  connectinfo_stop varchar(50) DEFAULT NULL,
  acctinputoctets bigint(20) DEFAULT NULL,
  acctoutputoctets bigint(20) DEFAULT NULL,
  calledstationid varchar(50) NOT NULL DEFAULT '',
  callingstationid varchar(50) NOT NULL DEFAULT '',
  acctterminatecause varchar(32) NOT NULL DEFAULT '',
  servicetype varchar(32) DEFAULT NULL,
  framedprotocol varchar(32) DEFAULT NULL,
  framedipaddress varchar(15) NOT NULL DEFAULT '',
  framedipv6address varchar(44) NOT NULL DEFAULT '',
  framedipv6prefix varchar(44) NOT NULL DEFAULT '',
  framedinterfaceid varchar(44) NOT NULL DEFAULT '',
  delegatedipv6prefix varchar(44) NOT NULL DEFAULT '',
  acctstartdelay int(12) DEFAULT NULL,
  acctstopdelay int(12) DEFAULT NULL,
  xascendsessionsvrkey varchar(20) DEFAULT NULL,
  operator_name varchar(32) NOT NULL DEFAULT '',
  PRIMARY KEY (radacctid),
  UNIQUE KEY acctuniqueid (acctuniqueid),
  KEY username (username),
  KEY framedipaddress (framedipaddress),
  KEY acctsessionid (acctsessionid),
  KEY acctsessiontime (acctsessiontime),
  KEY acctstarttime (acctstarttime),
  KEY acctstoptime (acctstoptime),
  KEY nasipaddress (nasipaddress),
  KEY nasidentifier (nasidentifier),
  KEY callingstationid (callingstationid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Migration 8.095: stopped sessions are copied here and removed from radacct by the hourly cleanup.
CREATE TABLE radacct_history LIKE radacct;

CREATE TABLE nas (
  id int(11) NOT NULL AUTO_INCREMENT,
  nasname varchar(128) NOT NULL,
  shortname varchar(32) DEFAULT NULL,
  nasidentifier varchar(64) NOT NULL DEFAULT '',
  type varchar(30) DEFAULT 'other',
  ports int(5) DEFAULT NULL,
  secret varchar(60) NOT NULL DEFAULT 'secret',
  server varchar(64) DEFAULT NULL,
  community varchar(50) DEFAULT NULL,
  description varchar(200) DEFAULT 'RADIUS Client',
  connection_type enum('direct','openvpn','pptp','dynamic') DEFAULT 'direct',
  timezone varchar(255) NOT NULL DEFAULT '',
  monitor enum('off','ping','heartbeat') DEFAULT 'off',
  cloud_id int(11) DEFAULT NULL,
  auth_port int(11) NOT NULL DEFAULT 1812,
  acct_port int(11) NOT NULL DEFAULT 1813,
  coa_port int(11) NOT NULL DEFAULT 3799,
  created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  modified datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY nasname (nasname),
  KEY nasidentifier (nasidentifier)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE na_settings (
  id int(11) NOT NULL AUTO_INCREMENT,
  na_id int(11) NOT NULL,
  name varchar(255) NOT NULL,
  value varchar(255) NOT NULL DEFAULT '',
  created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  modified datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY na_id (na_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE dynamic_clients (
  id int(11) NOT NULL AUTO_INCREMENT,
  name varchar(64) NOT NULL,
  nasidentifier varchar(128) NOT NULL DEFAULT '',
  calledstationid varchar(128) NOT NULL DEFAULT '',
  last_contact datetime DEFAULT NULL,
  last_contact_ip varchar(255) NOT NULL DEFAULT '',
  timezone varchar(255) NOT NULL DEFAULT '',
  monitor tinyint(1) NOT NULL DEFAULT 0,
  session_auto_close tinyint(1) NOT NULL DEFAULT 0,
  session_dead_time int(5) NOT NULL DEFAULT 3600,
  active tinyint(1) NOT NULL DEFAULT 1,
  cloud_id int(11) DEFAULT NULL,
  default_vlan int(4) NOT NULL DEFAULT 0,
  default_key varchar(255) NOT NULL DEFAULT '',
  type varchar(30) NOT NULL DEFAULT 'other',
  created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  modified datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY nasidentifier (nasidentifier)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE dynamic_client_settings (
  id int(11) NOT NULL AUTO_INCREMENT,
  dynamic_client_id int(11) NOT NULL,
  name varchar(255) NOT NULL,
  value varchar(255) NOT NULL DEFAULT '',
  created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  modified datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY dynamic_client_id (dynamic_client_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE meshes (
  id int(11) NOT NULL AUTO_INCREMENT,
  name varchar(128) NOT NULL,
  ssid varchar(32) NOT NULL,
  cloud_id int(11) DEFAULT NULL,
  created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  modified datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE mesh_exits (
  id int(11) NOT NULL AUTO_INCREMENT,
  mesh_id int(11) DEFAULT NULL,
  name varchar(128) NOT NULL DEFAULT '',
  type enum('bridge','tagged_bridge','nat','captive_portal','openvpn_bridge','tagged_bridge_l3','pppoe_server') DEFAULT 'nat',
  auto_detect tinyint(1) NOT NULL DEFAULT 0,
  vlan int(4) DEFAULT NULL,
  created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  modified datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY mesh_id (mesh_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE mesh_exit_captive_portals (
  id int(11) NOT NULL AUTO_INCREMENT,
  mesh_exit_id int(11) NOT NULL,
  radius_1 varchar(128) NOT NULL,
  radius_2 varchar(128) NOT NULL DEFAULT '',
  radius_secret varchar(128) NOT NULL,
  radius_nasid varchar(128) NOT NULL,
  uam_url varchar(255) NOT NULL,
  uam_secret varchar(255) NOT NULL,
  walled_garden varchar(255) NOT NULL DEFAULT '',
  swap_octets tinyint(1) NOT NULL DEFAULT 0,
  mac_auth tinyint(1) NOT NULL DEFAULT 0,
  coova_optional varchar(255) NOT NULL DEFAULT '',
  created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  modified datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY mesh_exit_id (mesh_exit_id),
  KEY radius_nasid (radius_nasid)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE nodes (
  id int(11) NOT NULL AUTO_INCREMENT,
  mesh_id int(11) DEFAULT NULL,
  name varchar(255) NOT NULL,
  description varchar(255) NOT NULL DEFAULT '',
  mac varchar(255) NOT NULL,
  hardware varchar(255) DEFAULT NULL,
  last_contact datetime DEFAULT NULL,
  last_contact_from_ip varchar(255) DEFAULT NULL,
  gateway enum('none','lan','3g','wifi','wifi_static','wifi_ppp','wifi_pppoe','wan_static','wan_ppp','wan_pppoe','mwan') NOT NULL DEFAULT 'none',
  reboot_flag tinyint(1) NOT NULL DEFAULT 0,
  created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  modified datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY mesh_id (mesh_id),
  KEY mac (mac)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE aps (
  id int(11) NOT NULL AUTO_INCREMENT,
  ap_profile_id int(11) DEFAULT NULL,
  name varchar(255) NOT NULL,
  description varchar(255) NOT NULL DEFAULT '',
  mac varchar(255) NOT NULL,
  hardware varchar(255) DEFAULT NULL,
  last_contact datetime DEFAULT NULL,
  last_contact_from_ip varchar(255) DEFAULT NULL,
  gateway enum('none','lan','3g','wifi','wifi_static','wifi_ppp','wifi_pppoe','wan_static','wan_ppp','wan_pppoe','mwan') NOT NULL DEFAULT 'lan',
  reboot_flag tinyint(1) NOT NULL DEFAULT 0,
  created datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  modified datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY ap_profile_id (ap_profile_id),
  KEY mac (mac)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE node_actions (
  id int(11) NOT NULL AUTO_INCREMENT,
  node_id int(11) NOT NULL,
  action enum('execute','execute_and_reply') DEFAULT 'execute',
  command varchar(500) DEFAULT '',
  status enum('awaiting','fetched','replied') DEFAULT 'awaiting',
  created datetime NOT NULL,
  modified datetime NOT NULL,
  reply text DEFAULT NULL,
  PRIMARY KEY (id),
  KEY node_id (node_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE ap_actions (
  id int(11) NOT NULL AUTO_INCREMENT,
  ap_id int(11) NOT NULL,
  action enum('execute','execute_and_reply') DEFAULT 'execute',
  command varchar(500) DEFAULT '',
  status enum('awaiting','fetched','replied') DEFAULT 'awaiting',
  created datetime NOT NULL,
  modified datetime NOT NULL,
  reply text DEFAULT NULL,
  PRIMARY KEY (id),
  KEY ap_id (ap_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

-- Migration 8.077_add_accel_ppp.sql (rdcore): the sessions an accel-ppp server reports; the Kicker sets disconnect_flag
-- and the server's next report (within ~60 s) receives the sid in data.terminate.
CREATE TABLE accel_sessions (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `accel_server_id` int(11) NOT NULL,
  `netns` varchar(255) NOT NULL DEFAULT '',
  `vrf` varchar(255) NOT NULL DEFAULT '',
  `ifname` varchar(255) NOT NULL DEFAULT '',
  `username` varchar(255) NOT NULL DEFAULT '',
  `ip` varchar(32) NOT NULL DEFAULT '',
  `ip6` varchar(32) NOT NULL DEFAULT '',
  `ip6_dp` varchar(32) NOT NULL DEFAULT '',
  `type` varchar(32) NOT NULL DEFAULT '',
  `state` varchar(32) NOT NULL DEFAULT '',
  `uptime` varchar(32) NOT NULL DEFAULT '',
  `uptime_raw`  int(11) NOT NULL DEFAULT 0,
  `calling_sid` varchar(32) NOT NULL DEFAULT '',
  `called_sid` varchar(32) NOT NULL DEFAULT '',
  `sid` varchar(32) NOT NULL DEFAULT '',
  `comp` varchar(32) NOT NULL DEFAULT '',
  `rx_bytes` varchar(32) NOT NULL DEFAULT '',
  `tx_bytes` varchar(32) NOT NULL DEFAULT '',
  `rx_bytes_raw`  int(11) NOT NULL DEFAULT 0,
  `tx_bytes_raw`  int(11) NOT NULL DEFAULT 0,
  `rx_pkts`  int(11) NOT NULL DEFAULT 0,
  `tx_pkts`  int(11) NOT NULL DEFAULT 0,
  `inbound_if` varchar(32) NOT NULL DEFAULT '',
  `service_name` varchar(32) NOT NULL DEFAULT '',
  `rate_limit` varchar(32) NOT NULL DEFAULT '',
  `disconnect_flag` tinyint(1) NOT NULL DEFAULT '0',
  `created` datetime NOT NULL,
  `modified` datetime NOT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=1 DEFAULT CHARSET=utf8mb3;
