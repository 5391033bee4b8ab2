/**
 * DECTRIS detectors (EIGER, EIGER2, PILATUS4) through the SIMPLON REST API, plugin id {@code eiger}.
 *
 * <ul>
 *   <li>{@link org.hutch.detector.eiger.EigerPlugin}: the {@code DetectorPlugin}; options in
 *       {@link org.hutch.detector.eiger.EigerConfig}.</li>
 *   <li>{@link org.hutch.detector.eiger.SimplonClient}: OkHttp client of
 *       {@code http://<dcu>/<module>/api/<version>/<task>/<param>}; errors become user-readable
 *       {@code DetectorException}s.</li>
 *   <li>{@link org.hutch.detector.eiger.SimplonValue}: a parameter's value descriptor, used to check a value
 *       against the DCU's min/max/allowed values before it is written.</li>
 *   <li>{@link org.hutch.detector.eiger.EigerDetector}: the {@code Detector}; a state poller thread
 *       ({@code eiger-state-poller-<host:port>}, 4 Hz when armed/acquiring, 1 Hz otherwise) and an event thread
 *       ({@code eiger-state-events-<host:port>}) tell listeners about changes.</li>
 * </ul>
 *
 * Frames are not handled here: the DCU streams them itself (Stream V1 on port 9999, V2 on 31001) and
 * {@code Detector.streamInfo()} says where, for a receiver to connect.
 */
package org.hutch.detector.eiger;
